-- Online payments of dossiers' financial obligations (ADR 0025): one row per attempt, sent to a payment provider, and
-- its signed outcome. No card or bank data is ever seen by OneDoor; the provider's transaction number is kept.
create schema if not exists payment;

create table payment.payment (
    id              uuid        primary key,
    reference       text        not null unique,
    tenant_id       text        not null,
    dossier_code    text        not null,
    obligation_id   uuid        not null,
    payer           uuid        not null,
    provider        text        not null,
    amount          bigint      not null check (amount > 0),
    currency        text        not null check (currency ~ '^[A-Z]{3}$'),
    status          text        not null check (status in ('PENDING', 'PAID', 'CANCELLED', 'FAILED', 'REFUND_DUE')),
    transaction_ref text,
    created_at      timestamptz not null,
    completed_at    timestamptz,
    check ((status = 'PENDING') = (completed_at is null))
);
create index payment_of_dossier on payment.payment (tenant_id, dossier_code, created_at);
-- an obligation is settled by one payment; a second paid attempt is money to return (REFUND_DUE)
create unique index payment_one_paid on payment.payment (obligation_id) where status = 'PAID';
create index payment_to_refund on payment.payment (tenant_id, created_at) where status = 'REFUND_DUE';
