-- Accounts, credentials, roles as named permission sets, grants scoped to the organisation tree, API tokens, and the
-- browser sessions shared by every node (Spring Session JDBC). Usernames are unique across the installation.
create schema if not exists identity;

create table identity.account (
    tenant_id              text not null references organisation.tenant (id),
    id                     uuid not null,
    kind                   text not null check (kind in ('STAFF', 'CITIZEN')),
    username               text not null,
    display_name           text not null,
    email                  text,
    phone                  text,
    citizen_id_sealed      bytea,
    citizen_id_index       text,
    business_code          text,
    unit_id                uuid,
    status                 text not null check (status in ('PENDING_VERIFICATION', 'ACTIVE', 'LOCKED', 'DISABLED')),
    password_hash          text,
    password_changed_at    timestamptz,
    must_change_password   boolean not null default false,
    totp_secret_sealed     bytea,
    totp_enrolled_at       timestamptz,
    totp_last_step         bigint not null default -9223372036854775808,
    failed_logins          int not null default 0,
    last_failed_at         timestamptz,
    locked_at              timestamptz,
    last_login_at          timestamptz,
    created_at             timestamptz not null,
    created_by             text not null,
    version                bigint not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, unit_id) references organisation.unit (tenant_id, id),
    check (kind = 'CITIZEN' or unit_id is not null)
);
create unique index account_username on identity.account (lower(username));
create unique index account_citizen_id on identity.account (tenant_id, citizen_id_index) where citizen_id_index is not null;
create index account_by_unit on identity.account (tenant_id, unit_id);

-- Earlier password hashes, so that administrators cannot reuse their last ten (AUTH-3).
create table identity.password_history (
    tenant_id  text not null,
    account_id uuid not null,
    hash       text not null,
    changed_at timestamptz not null,
    foreign key (tenant_id, account_id) references identity.account (tenant_id, id)
);
create index password_history_by_account on identity.password_history (tenant_id, account_id, changed_at desc);

-- Roles are named sets of permissions, held as data and shared by all tenants.
create table identity.role (
    code        text primary key,
    name        jsonb not null,
    permissions text[] not null,
    staff_only  boolean not null default true
);

-- A grant gives an account a role over one unit, or over the unit and everything under it, for a period.
create table identity.access_grant (
    tenant_id  text not null,
    id         uuid not null,
    account_id uuid not null,
    role_code  text not null references identity.role (code),
    unit_id    uuid not null,
    scope      text not null check (scope in ('UNIT', 'SUBTREE')),
    valid_from date not null,
    valid_to   date,
    granted_by text not null,
    granted_at timestamptz not null,
    revoked_by text,
    revoked_at timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, account_id) references identity.account (tenant_id, id),
    foreign key (tenant_id, unit_id) references organisation.unit (tenant_id, id),
    check (valid_to is null or valid_to >= valid_from)
);
create index grant_by_account on identity.access_grant (tenant_id, account_id) where revoked_at is null;
create index grant_by_unit on identity.access_grant (tenant_id, unit_id) where revoked_at is null;

-- Bearer tokens for API clients: only a hash is stored; short-lived and revocable.
create table identity.api_token (
    token_hash bytea primary key,
    tenant_id  text not null,
    account_id uuid not null,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    foreign key (tenant_id, account_id) references identity.account (tenant_id, id)
);
create index api_token_by_account on identity.api_token (tenant_id, account_id);

-- One-time codes sent by e-mail or SMS to verify a citizen's contact.
create table identity.verification_code (
    tenant_id  text not null,
    account_id uuid not null,
    channel    text not null check (channel in ('EMAIL', 'SMS')),
    code_hash  text not null,
    expires_at timestamptz not null,
    attempts   int not null default 0,
    used_at    timestamptz,
    created_at timestamptz not null,
    foreign key (tenant_id, account_id) references identity.account (tenant_id, id)
);
create index verification_code_by_account on identity.verification_code (tenant_id, account_id, created_at desc);

-- Browser sessions (Spring Session JDBC), so that any node serves any user.
create table identity.spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on identity.spring_session (session_id);
create index spring_session_ix2 on identity.spring_session (expiry_time);
create index spring_session_ix3 on identity.spring_session (principal_name);

create table identity.spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references identity.spring_session (primary_id) on delete cascade
);

insert into identity.role (code, name, permissions, staff_only) values
('CLERK', '{"vi":"Cán bộ một cửa","en":"One-stop clerk","lo":"ພະນັກງານປະຕູດຽວ"}',
    array['unit:read','dossier:receive','dossier:read'], true),
('SPECIALIST', '{"vi":"Chuyên viên","en":"Specialist","lo":"ວິຊາການ"}',
    array['unit:read','dossier:read','dossier:process'], true),
('UNIT_LEADER', '{"vi":"Người đứng đầu đơn vị","en":"Head of unit","lo":"ຫົວໜ້າຫົວໜ່ວຍ"}',
    array['unit:read','dossier:read','dossier:process','dossier:decide','dossier:assign','report:read','grant:read'], true),
('HOME_AFFAIRS_OFFICER', '{"vi":"Cán bộ Sở Nội vụ","en":"Home-affairs officer","lo":"ພະນັກງານພາຍໃນ"}',
    array['unit:read','unit:manage','staff:manage','reform:manage','report:read','grant:read'], true),
('CITY_LEADER', '{"vi":"Lãnh đạo Thành phố","en":"City leader","lo":"ການນຳນະຄອນ"}',
    array['unit:read','dossier:read','report:read','reform:read','grant:read'], true),
('INSPECTOR', '{"vi":"Thanh tra","en":"Inspector","lo":"ກວດກາ"}',
    array['unit:read','audit:read','audit:verify','grant:read','report:read'], true),
('ADMINISTRATOR', '{"vi":"Quản trị hệ thống","en":"Administrator","lo":"ຜູ້ບໍລິຫານລະບົບ"}',
    array['unit:read','account:manage','grant:manage','grant:read','audit:read','audit:verify','procedure:manage','calendar:manage'], true),
('CITIZEN', '{"vi":"Công dân, tổ chức","en":"Citizen or business","lo":"ພົນລະເມືອງ ຫຼື ວິສາຫະກິດ"}',
    array['dossier:submit','dossier:own'], false);
