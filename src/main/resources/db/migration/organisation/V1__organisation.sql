-- The organisation tree: tenants, units as effective-dated versions, and restructurings with lineage (ADR 0017).
create schema if not exists organisation;

create table organisation.tenant (
    id             text primary key check (id ~ '^[a-z][a-z0-9-]{1,30}$'),
    name           jsonb not null,
    time_zone      text not null,
    default_locale text not null,
    currency       char(3) not null,
    created_at     timestamptz not null default now()
);

-- A unit's identity; what it is called, where it hangs and what it is are in its versions.
create table organisation.unit (
    tenant_id  text not null references organisation.tenant (id),
    id         uuid not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);

-- valid_from is inclusive, valid_to exclusive (null: still in force). Versions are closed, never deleted.
create table organisation.unit_version (
    tenant_id     text not null,
    unit_id       uuid not null,
    valid_from    date not null,
    valid_to      date,
    code          text not null,
    identifier    text,
    name          jsonb not null,
    name_folded   text not null,
    type          text not null,
    level         text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE')),
    parent_id     uuid,
    head_position jsonb,
    primary key (tenant_id, unit_id, valid_from),
    foreign key (tenant_id, unit_id) references organisation.unit (tenant_id, id),
    foreign key (tenant_id, parent_id) references organisation.unit (tenant_id, id),
    check (valid_to is null or valid_to > valid_from),
    check (parent_id is null or parent_id <> unit_id),
    constraint unit_version_periods_do_not_overlap
        exclude using gist (tenant_id with =, unit_id with =, daterange(valid_from, valid_to) with &&),
    constraint unit_code_held_by_one_unit_at_a_time
        exclude using gist (tenant_id with =, code with =, daterange(valid_from, valid_to) with &&)
);
create index unit_version_by_parent on organisation.unit_version (tenant_id, parent_id, valid_from);
create index unit_version_by_code on organisation.unit_version (tenant_id, code, valid_from);

-- One change of the tree on one date under one legal basis: a merge, split, rename, re-parenting...
create table organisation.restructuring (
    tenant_id      text not null references organisation.tenant (id),
    id             uuid not null,
    kind           text not null check (kind in ('ESTABLISH', 'MERGE', 'SPLIT', 'RENAME', 'REPARENT', 'RECLASSIFY', 'DISSOLVE')),
    effective_date date not null,
    legal_basis    text not null,
    note           text,
    recorded_at    timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index restructuring_by_date on organisation.restructuring (tenant_id, effective_date);

-- Who became whom. A null successor: the source does not say where the unit went.
create table organisation.restructuring_link (
    tenant_id        text not null,
    restructuring_id uuid not null,
    predecessor_id   uuid,
    successor_id     uuid,
    share            text not null check (share in ('FULL', 'PARTIAL')),
    inferred         boolean not null default false,
    foreign key (tenant_id, restructuring_id) references organisation.restructuring (tenant_id, id),
    foreign key (tenant_id, predecessor_id) references organisation.unit (tenant_id, id),
    foreign key (tenant_id, successor_id) references organisation.unit (tenant_id, id),
    check (predecessor_id is not null or successor_id is not null),
    unique nulls not distinct (tenant_id, restructuring_id, predecessor_id, successor_id)
);
create index restructuring_link_forward on organisation.restructuring_link (tenant_id, predecessor_id);
create index restructuring_link_backward on organisation.restructuring_link (tenant_id, successor_id);

-- Which seed sources were imported, with the digest of their content: an unchanged source is not read again.
create table organisation.seed_import (
    tenant_id   text not null references organisation.tenant (id),
    source      text not null,
    digest      text not null,
    imported_at timestamptz not null default now(),
    report      text not null,
    primary key (tenant_id, source)
);
