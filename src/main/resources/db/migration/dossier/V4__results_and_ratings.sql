-- The electronic result (Decree 118/2025 Art. 22(1): an electronic copy of every result) is an attached file of kind
-- RESULT; the applicant sees it once the result is ready (status 9).
alter table dossier.attachment add column kind text not null default 'PAPER' check (kind in ('PAPER', 'RESULT'));

-- The applicant's satisfaction with a returned dossier, once, on the 5-level scale (1 very dissatisfied … 5 very
-- satisfied), with an optional comment: the per-dossier evaluation of the one-stop rules (domain note §1.3 step 8).
create table dossier.rating (
    tenant_id  text        not null,
    dossier_id uuid        not null,
    level      smallint    not null check (level between 1 and 5),
    comment    text        check (length(comment) <= 1000),
    rated_at   timestamptz not null,
    rated_by   uuid        not null,
    primary key (tenant_id, dossier_id),
    foreign key (tenant_id, dossier_id) references dossier.dossier (tenant_id, id)
);
