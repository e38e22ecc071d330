-- The audit trail (design decision 10, security-reliability.md §3.3): append-only, hash-chained, written in the
-- transaction of the change it describes. Each tenant's trail is split into lanes, each lane its own chain with a
-- gap-free seq, so that concurrent writers only wait for each other when they share a lane. The tenant id is plain
-- text without a foreign key: 'platform' holds events that belong to no tenant (a login for an unknown user name).
--
-- Privileges: production runs the application as a role that does not own these tables and is granted only
--   grant usage on schema audit to <app role>;
--   grant select, insert on audit.event to <app role>;
--   grant select, insert, update on audit.chain_head to <app role>;
-- The triggers below refuse changes from every role, the owner included; only the owner (or a superuser) can
-- disable them, which is why the application must not run as the owner in production.
create schema if not exists audit;

-- The last record of each lane: advanced by one in the transaction that appends a record, never moved back.
create table audit.chain_head (
    tenant_id text   not null,
    lane      int    not null check (lane >= 0),
    seq       bigint not null check (seq >= 0),
    hash      bytea  not null check (length(hash) = 32),
    primary key (tenant_id, lane)
);

create table audit.event (
    tenant_id      text        not null,
    lane           int         not null,
    seq            bigint      not null check (seq >= 1),
    recorded_at    timestamptz not null,
    actor          text        not null,
    actor_unit     text,
    client_address text,
    action         text        not null,
    object_type    text        not null,
    object_id      text,
    -- The person the data concerns (e.g. a citizen's account id), for the citizen's "who accessed my data" view.
    subject        text,
    purpose        text,
    outcome        text        not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    -- SHA-256 of the before and after snapshots; the snapshots themselves are not kept here.
    before_digest  bytea,
    after_digest   bytea,
    details        jsonb,
    prev_hash      bytea       not null,
    hash           bytea       not null,
    -- Version of the canonical encoding the hash was computed over (AuditTrail's Javadoc).
    format         int         not null,
    primary key (tenant_id, lane, seq)
);
create index event_by_time on audit.event (tenant_id, recorded_at);
create index event_by_subject on audit.event (tenant_id, subject, recorded_at) where subject is not null;

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit.% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Audit records are never changed or removed; record a new event instead.';
end
$$;

-- A head may only advance by one record at a time, in place.
create function audit.advance_chain_head() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.tenant_id = old.tenant_id and new.lane = old.lane and new.seq = old.seq + 1 then
        return new;
    end if;
    if tg_op = 'UPDATE' then
        raise exception 'audit.chain_head only moves forward one record at a time: (%, %) from seq % to % refused',
            old.tenant_id, old.lane, old.seq, new.seq
            using errcode = 'insufficient_privilege';
    end if;
    raise exception 'audit.chain_head is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger event_is_append_only before update or delete on audit.event
    for each row execute function audit.refuse_change();
create trigger event_is_never_truncated before truncate on audit.event
    for each statement execute function audit.refuse_change();
create trigger chain_head_only_advances before update or delete on audit.chain_head
    for each row execute function audit.advance_chain_head();
create trigger chain_head_is_never_truncated before truncate on audit.chain_head
    for each statement execute function audit.refuse_change();

-- No effect unless someone granted these to public; stated so that a later grant has to be a visible decision.
revoke update, delete, truncate on audit.event from public;
revoke delete, truncate on audit.chain_head from public;
