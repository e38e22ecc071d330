-- What the applicant is asked to pay (fees, charges, taxes: status 6, "yêu cầu thực hiện nghĩa vụ tài chính") and
-- how it was settled: at the counter, or online through a payment provider (the national index's "paid online",
-- domain note §2 and §3 group 5). At most one obligation of a dossier is open at a time (ADR 0025).
create table dossier.obligation (
    id           uuid        primary key,
    tenant_id    text        not null,
    dossier_id   uuid        not null,
    amount       bigint      not null check (amount > 0),
    currency     text        not null check (currency ~ '^[A-Z]{3}$'),
    note         text        check (length(note) <= 1000),
    requested_at timestamptz not null,
    requested_by uuid        not null,
    settled_at   timestamptz,
    settled_by   uuid,
    online       boolean,
    payment_ref  text,
    check ((settled_at is null) = (online is null)),
    foreign key (tenant_id, dossier_id) references dossier.dossier (tenant_id, id)
);
create unique index obligation_one_open on dossier.obligation (dossier_id) where settled_at is null;
create index obligation_of_dossier on dossier.obligation (tenant_id, dossier_id, requested_at);
