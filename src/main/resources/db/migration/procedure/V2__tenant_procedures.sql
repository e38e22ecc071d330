-- Each city's administrative procedures as versioned documents (ADR 0021). A version is a draft until published with
-- the date it takes effect; published versions never change, so a dossier that keeps the id of the version in force
-- when it was received keeps its rules. Versions of one procedure in force never overlap: a new version closes the
-- period of the one before it, and retiring ends the procedure's period.
create table procedure.procedure_version (
    id             uuid primary key,
    tenant         text not null,
    code           text not null check (code ~ '^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$'),
    number         integer not null check (number > 0),
    state          text not null check (state in ('DRAFT', 'PUBLISHED', 'RETIRED')),
    effective_from date,
    effective_to   date,
    change_basis   text,
    definition     jsonb not null,
    name_folded    text not null,
    field          text,
    levels         text[] not null,
    online_level   text not null check (online_level in ('FULL', 'PARTIAL', 'NONE')),
    flags          text[] not null default '{}',
    origin         text not null check (origin in ('CATALOGUE', 'EDITOR', 'SHARED', 'SPREADSHEET')),
    created_at     timestamptz not null,
    created_by     text not null,
    published_at   timestamptz,
    published_by   text,
    retired_at     timestamptz,
    retired_by     text,
    revision       integer not null default 0,
    unique (tenant, code, number),
    check ((state = 'DRAFT') = (effective_from is null)),
    check (effective_to is null or effective_to > effective_from),
    exclude using gist (tenant with =, code with =, daterange(effective_from, effective_to) with &&) where (state <> 'DRAFT')
);
create unique index procedure_version_one_draft on procedure.procedure_version (tenant, code) where state = 'DRAFT';
create index procedure_version_in_force on procedure.procedure_version (tenant, code, effective_from) where state <> 'DRAFT';

-- Reusable workflows: built in (tenant '*') or a city's own, which overrides a built-in one of the same key.
create table procedure.workflow_template (
    tenant      text not null,
    key         text not null check (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    name        jsonb not null,
    default_for text check (default_for in ('PROVINCE', 'COMMUNE')),
    workflow    jsonb not null,
    updated_at  timestamptz not null,
    updated_by  text not null,
    primary key (tenant, key)
);
create unique index workflow_template_default on procedure.workflow_template (tenant, default_for) where default_for is not null;
