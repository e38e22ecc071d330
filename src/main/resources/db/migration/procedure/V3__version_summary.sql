-- What a list of procedures shows (name, field, levels, time limit), kept beside the document: reading it from the
-- document would detoast every candidate row's whole definition (components and all) before the page is cut.
alter table procedure.procedure_version add column summary jsonb;
update procedure.procedure_version set summary = jsonb_build_object('name', definition -> 'name', 'field', definition -> 'field',
    'levels', definition -> 'levels', 'timeLimit', definition -> 'timeLimit');
alter table procedure.procedure_version alter column summary set not null;
