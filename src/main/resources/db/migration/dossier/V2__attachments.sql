-- Files attached to a dossier's papers. The bytes live outside the database behind FileStorage (the file system by
-- default, under <data dir>/files/<tenant>/<yyyy>/<MM>/<uuid>); this row says what they are: the type sniffed from
-- the content (never the name or the declared Content-Type), the size and the SHA-256 checked on every read.
create table dossier.attachment (
    tenant_id    text not null,
    dossier_id   uuid not null,
    id           uuid not null,
    -- the paper it belongs to, by its name as the procedure lists it
    component    text not null check (length(component) between 1 and 300),
    file_name    text not null check (length(file_name) between 1 and 255),
    content_type text not null,
    size_bytes   bigint not null check (size_bytes > 0),
    sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    -- made by the server only (tenant, month, random id): never user input
    storage_key  text not null unique,
    uploaded_at  timestamptz not null,
    uploaded_by  uuid not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, dossier_id) references dossier.dossier (tenant_id, id)
);
create index attachment_dossier on dossier.attachment (tenant_id, dossier_id);
