-- Petitions (phản ánh, kiến nghị) about a dossier: its applicant sends feedback on how it is handled (FEEDBACK, phản
-- ánh) or a recommendation (RECOMMENDATION, kiến nghị); exactly one unit answers for it — the unit that held the dossier
-- when it was sent, or the reception point once the dossier had ended — before a due instant counted in working days.
-- The answer is written once and never changed: the row is updated only from unanswered to answered.
create table dossier.petition (
    tenant_id              text        not null,
    id                     uuid        not null,
    dossier_id             uuid        not null,
    kind                   text        not null check (kind in ('FEEDBACK', 'RECOMMENDATION')),
    subject                text        not null check (length(subject) between 1 and 200),
    body                   text        not null check (length(body) between 1 and 2000),
    sent_at                timestamptz not null,
    sent_by                uuid        not null,
    -- the one accountable unit, and its head when it was sent (null when the unit had nobody in that role)
    answering_unit_id      uuid        not null,
    accountable_account_id uuid,
    due_at                 timestamptz not null,
    answer                 text        check (length(answer) between 1 and 4000),
    answered_at            timestamptz,
    answered_by            uuid,
    answered_by_name       text,
    primary key (tenant_id, id),
    foreign key (tenant_id, dossier_id) references dossier.dossier (tenant_id, id),
    check ((answer is null) = (answered_at is null) and (answered_at is null) = (answered_by is null)
           and (answered_by is null) = (answered_by_name is null))
);

-- A unit's petitions awaiting an answer, soonest due first; a dossier's petitions in the order they were sent.
create index petition_open_by_unit on dossier.petition (tenant_id, answering_unit_id, due_at) where answered_at is null;
create index petition_by_unit on dossier.petition (tenant_id, answering_unit_id, sent_at);
create index petition_by_dossier on dossier.petition (tenant_id, dossier_id, sent_at);
