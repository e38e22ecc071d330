-- Working calendars per tenant: the week, the office hours, and each year's days off and make-up working days with
-- their occasion and legal basis; a year is provisional until an administrator publishes it with its decision.
create schema if not exists calendar;

create table calendar.working_week (
    tenant_id    text primary key references organisation.tenant (id),
    working_days text[] not null,
    sessions     jsonb not null,
    updated_at   timestamptz not null default now()
);

create table calendar.year_schedule (
    tenant_id    text not null references organisation.tenant (id),
    year         int not null check (year between 1900 and 2199),
    status       text not null check (status in ('OFFICIAL', 'PROVISIONAL')),
    decision     text,
    published_at timestamptz,
    published_by text,
    primary key (tenant_id, year)
);

create table calendar.special_day (
    tenant_id   text not null,
    day         date not null,
    year        int not null,
    kind        text not null check (kind in ('DAY_OFF', 'WEEKEND_IN_HOLIDAY', 'MAKEUP_WORKDAY', 'OBSERVANCE')),
    occasion    jsonb not null,
    legal_basis text,
    note        text,
    primary key (tenant_id, day),
    foreign key (tenant_id, year) references calendar.year_schedule (tenant_id, year),
    check (year = extract(year from day))
);
