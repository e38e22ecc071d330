-- Dossiers of the one-stop shop (ADR 0022): one row per dossier holding its whole present state — status, step,
-- the one accountable owner (unit and person), the appointment — and beside it the append-only history that form 05
-- prints. Tenant first in every key (ADR 0006).
create schema if not exists dossier;

-- The daily sequence of each receiving unit: the NNNN of <unit identifier>-<YYMMDD>-<NNNN>. Incremented in the
-- transaction that stores the dossier, so a rolled-back reception leaves no gap and concurrent receptions queue on
-- the row of their unit and day only.
create table dossier.daily_sequence (
    tenant_id  text not null,
    unit_id    uuid not null,
    day        date not null,
    last_value integer not null check (last_value > 0),
    primary key (tenant_id, unit_id, day)
);

create table dossier.dossier (
    tenant_id            text not null,
    id                   uuid not null,
    code                 text not null,
    version              integer not null,
    procedure_code       text not null,
    procedure_version_id uuid not null,
    channel              text not null check (channel in ('DIRECT', 'ONLINE', 'POSTAL')),
    state                text not null,
    status_code          smallint not null check (status_code between 1 and 10),
    step_key             text,
    -- the three organisation references: where it was handed in, the unit whose code it bears, the deciding authority
    reception_point_id   uuid not null,
    receiving_unit_id    uuid not null,
    competent_unit_id    uuid not null,
    -- the one accountable owner while the dossier is open; the last one once it has ended
    owner_unit_id        uuid not null,
    owner_account_id     uuid not null,
    owner_name           text not null,
    applicant_account_id uuid,
    applicant_name       text not null,
    applicant            jsonb not null,
    applicant_id_sealed  bytea,
    applicant_id_index   text,
    phone_last4          text,
    components           jsonb not null,
    time_limit           jsonb,
    result_delivery      text not null default 'COUNTER',
    submitted_at         timestamptz not null,
    received_at          timestamptz,
    due_at               timestamptz,
    legal_due_at         timestamptz,
    legal_minutes        integer,
    step_started_at      timestamptz,
    step_due_at          timestamptz,
    paused_since         timestamptz,
    paused_state         text,
    pauses               jsonb not null default '[]',
    supplement_requests  smallint not null default 0,
    apologies            smallint not null default 0,
    late                 boolean not null default false,
    -- end of processing as the national index counts it: result ready, refused, stopped or withdrawn
    processed_at         timestamptz,
    returned_at          timestamptz,
    -- no longer open: returned, refused, stopped or withdrawn
    closed_at            timestamptz,
    digitised            boolean not null default false,
    electronic_result    boolean not null default false,
    paid_online          boolean not null default false,
    identity_verified    boolean not null default false,
    primary key (tenant_id, id),
    unique (tenant_id, code)
);
-- work queues: open dossiers of a unit and of a person, soonest due first
create index dossier_unit_queue on dossier.dossier (tenant_id, owner_unit_id, due_at) where closed_at is null;
create index dossier_person_queue on dossier.dossier (tenant_id, owner_account_id, due_at) where closed_at is null;
create index dossier_applicant on dossier.dossier (tenant_id, applicant_account_id, submitted_at) where applicant_account_id is not null;
-- the overdue sweep: open dossiers not yet marked late
create index dossier_running on dossier.dossier (tenant_id, legal_due_at) where processed_at is null and not late;

-- Every hand-over and every action, in order: who gave, who received, when, and how the step went against its
-- allotment (form 05).
create table dossier.handover (
    tenant_id         text not null,
    dossier_id        uuid not null,
    seq               integer not null,
    at                timestamptz not null,
    action            text not null,
    from_step         text,
    to_step           text,
    status_code       smallint not null,
    giver_account_id  uuid,
    giver_name        text not null,
    giver_unit_id     uuid,
    receiver_account_id uuid,
    receiver_name     text,
    receiver_unit_id  uuid,
    step_due_at       timestamptz,
    result            text check (result in ('EARLY', 'ON_TIME', 'LATE')),
    note              text,
    detail            jsonb,
    primary key (tenant_id, dossier_id, seq),
    foreign key (tenant_id, dossier_id) references dossier.dossier (tenant_id, id)
);

-- Idempotency-Key: the first answer to a request is kept and given again to a replay of the same request.
create table dossier.idempotency (
    tenant_id    text not null,
    account_id   uuid not null,
    key          text not null,
    request_hash text not null,
    status       smallint,
    etag         text,
    location     text,
    body         text,
    created_at   timestamptz not null,
    primary key (tenant_id, account_id, key)
);
create index idempotency_age on dossier.idempotency (created_at);
