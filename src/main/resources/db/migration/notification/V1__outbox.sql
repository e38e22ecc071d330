-- The outbox of messages to people (ADR 0023): every message is a row written in the transaction of what caused it,
-- so nothing is sent for a change rolled back and nothing acknowledged is lost; dispatchers on any node deliver the
-- due rows, retry failures with a growing delay and give up after the last attempt. Tenant first in every key.
create schema if not exists notification;

create table notification.outbox (
    tenant_id            text not null references organisation.tenant (id),
    id                   uuid not null,
    channel              text not null check (channel in ('EMAIL', 'SMS')),
    -- personal data: shown and logged masked only
    address              text not null,
    recipient_account_id uuid,
    template_key         text not null,
    locale               text not null,
    subject              text,
    body                 text not null,
    -- a one-time code or the like: the body is emptied once the message is sent or cancelled
    confidential         boolean not null default false,
    status               text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    -- attempts begun; a claim counts one, so a dispatcher that dies while sending still moves the count on
    attempts             integer not null default 0 check (attempts >= 0),
    -- when the next attempt is due (PENDING), or until when the current claim holds the row
    next_attempt_at      timestamptz not null,
    last_attempt_at      timestamptz,
    -- what the channel answered last time, truncated, addresses masked
    last_error           text,
    created_at           timestamptz not null,
    sent_at              timestamptz,
    -- what caused the message (e.g. an event and its recipient): a redelivered event finds its message already there
    dedupe_key           text not null,
    primary key (tenant_id, id),
    unique (tenant_id, dedupe_key),
    check (channel = 'SMS' or subject is not null),
    check ((status = 'SENT') = (sent_at is not null))
);
-- the dispatchers' queue: due messages only, across tenants
create index outbox_due on notification.outbox (next_attempt_at) where status = 'PENDING';
-- the operators' lists: a tenant's messages by status, newest first
create index outbox_by_status on notification.outbox (tenant_id, status, created_at desc);

-- A city's own wording of a message in one language; what it leaves null comes from the message bundles.
create table notification.template (
    tenant_id    text not null references organisation.tenant (id),
    template_key text not null,
    locale       text not null check (locale in ('vi', 'en', 'lo')),
    subject      text,
    body         text,
    sms          text,
    updated_at   timestamptz not null,
    updated_by   text not null,
    primary key (tenant_id, template_key, locale),
    check (subject is not null or body is not null or sms is not null)
);
