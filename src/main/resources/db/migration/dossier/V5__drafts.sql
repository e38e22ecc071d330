-- A citizen's online application saved before it is submitted: one account's, in one city, resumed later and
-- submitted as a dossier (the draft is deleted in the submission's transaction) or purged once untouched for the
-- retention (onedoor.dossier.drafts.retention, 90 days). The form is kept as typed, except the applicant's ID number,
-- which is sealed beside it as on a dossier.
create table dossier.draft (
    tenant_id           text        not null,
    id                  uuid        not null,
    account_id          uuid        not null,
    procedure_code      text        not null check (length(procedure_code) between 1 and 50),
    -- applicant (without the ID number), components, receivingUnit, competentUnit, resultDelivery
    form                jsonb       not null check (length(form::text) <= 65536),
    applicant_id_sealed bytea,
    version             integer     not null check (version >= 1),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    primary key (tenant_id, id)
);
-- the owner's list, last saved first
create index draft_owner on dossier.draft (tenant_id, account_id, updated_at desc);
-- the purge of drafts untouched for the retention
create index draft_updated on dossier.draft (updated_at);

-- The scans saved with a draft, checked as attachments are (type by content, size) and stored the same way, behind
-- FileStorage; on submission each row becomes a dossier.attachment with the same storage key (the bytes do not move).
create table dossier.draft_file (
    tenant_id    text        not null,
    draft_id     uuid        not null,
    id           uuid        not null,
    component    text        not null check (length(component) between 1 and 300),
    file_name    text        not null check (length(file_name) between 1 and 255),
    content_type text        not null,
    size_bytes   bigint      not null check (size_bytes > 0),
    sha256       text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key  text        not null unique,
    uploaded_at  timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, draft_id) references dossier.draft (tenant_id, id) on delete cascade
);
create index draft_file_draft on dossier.draft_file (tenant_id, draft_id);
