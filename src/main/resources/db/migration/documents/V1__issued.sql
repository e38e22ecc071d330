-- The register of issued official papers (forms 01–06). The QR code printed on each paper opens its line here, so
-- that whoever holds the paper can check which unit issued it, when, and (by the SHA-256) that the PDF is unchanged.
-- No personal data: the dossier code and the unit only.
create schema if not exists documents;

create table documents.issued (
    id            uuid primary key,
    tenant_id     text        not null,
    form          text        not null check (form in ('01', '02', '03', '04', '05', '06')),
    dossier_code  text,
    unit_id       uuid        not null,
    locale        text        not null,
    issued_at     timestamptz not null,
    issued_by     text        not null,
    period_from   date,
    period_to     date,
    sha256        text        not null,
    bytes         integer     not null,
    check ((form = '06') = (dossier_code is null))
);

create index issued_dossier on documents.issued (tenant_id, dossier_code, issued_at) where dossier_code is not null;
