-- The national catalogue of administrative procedures (CSDL TTHC codes), a reference shared by all tenants; each
-- tenant's versioned procedures and workflows will refer to it. Channels carry the time limit and fee as the
-- catalogue states them: a time whose unit the source does not give stays UNKNOWN, never guessed.
create schema if not exists procedure;

create table procedure.catalogue_entry (
    code        text primary key check (code ~ '^[0-9]+\.[0-9]+$'),
    name        text not null,
    name_folded text not null,
    ministry    text,
    agency      text,
    field       text,
    levels      text[] not null,
    kind        text,
    decision    text,
    applicants  text,
    portal_url  text,
    detail_ok   boolean not null
);
create index catalogue_entry_by_field on procedure.catalogue_entry (field);

create table procedure.catalogue_channel (
    code          text not null references procedure.catalogue_entry (code),
    channel       text not null check (channel in ('ONLINE', 'DIRECT', 'POSTAL')),
    time_value    numeric,
    time_unit     text check (time_unit in ('WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'UNKNOWN')),
    time_text     text,
    free          boolean not null,
    fee_amount    bigint check (fee_amount >= 0),
    fee_currency  char(3),
    fee_text      text,
    primary key (code, channel)
);

-- What was imported, with the digest of the source and the import's report (rows flagged or refused).
create table procedure.catalogue_import (
    source      text primary key,
    digest      text not null,
    imported_at timestamptz not null default now(),
    report      text not null
);
