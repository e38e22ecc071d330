-- The language an account holder reads messages in (null: none chosen, the city's default applies), and the
-- permission to watch and retry the city's outgoing messages, given to administrators (ADR 0023).
alter table identity.account add column locale text check (locale in ('vi', 'en', 'lo'));

update identity.role set permissions = array_append(permissions, 'notification:manage')
 where code = 'ADMINISTRATOR' and not ('notification:manage' = any (permissions));
