-- A synthetic city's history (bench/dossier/README.md): :n dossiers of Hanoi's real commune-level procedures in its
-- real wards, received on the days before today (about three years of them), with fake Vietnamese names and phones.
-- 98 % are returned (five hand-over lines each, like a real life cycle); 2 % are still open at a step of their
-- workflow, so that work queues hold the backlog a city has. Audit records are not generated (they are hash-chained
-- by the application); the generated dossiers carry no sealed ID number.
\set ON_ERROR_STOP on
set synchronous_commit = off;

create temporary table ward as
select row_number() over (order by v.code) - 1 as i, v.unit_id, v.code,
       (select a.id from identity.access_grant g join identity.account a on a.tenant_id = g.tenant_id and a.id = g.account_id
         where g.tenant_id = 'hanoi' and g.unit_id = v.unit_id and g.role_code = 'CLERK' limit 1) as clerk,
       (select a.display_name from identity.access_grant g join identity.account a on a.tenant_id = g.tenant_id and a.id = g.account_id
         where g.tenant_id = 'hanoi' and g.unit_id = v.unit_id and g.role_code = 'CLERK' limit 1) as clerk_name
  from organisation.unit_version v
 where v.tenant_id = 'hanoi' and v.level = 'COMMUNE' and v.valid_from <= current_date and (v.valid_to is null or v.valid_to > current_date);
delete from ward where clerk is null;
create temporary table proc as
select row_number() over (order by code) - 1 as i, id, code from procedure.procedure_version
 where tenant = 'hanoi' and state = 'PUBLISHED' and levels @> array['COMMUNE'];
select count(*) as wards from ward;
select count(*) as procedures from proc;

select greatest(10, ceil(:n / (count(*) * 1095.0)))::int as perday from ward \gset
-- dossier k: ward k mod W, :perday a ward a day (at least 10, so that the history spans about three years), going
-- back day by day from yesterday; the sequence numbers the ward's dossiers of that day
create temporary table gen as
select k, gen_random_uuid() as id, w.unit_id, w.code as ward, w.clerk, w.clerk_name, p.id as version_id, p.code as procedure_code,
       (current_date - 1 - ((k / (select count(*) from ward)) / :perday)::int) as day,
       ((k / (select count(*) from ward)) % :perday) + 1 as seq,
       (k % 50 = 0) as open_
  from generate_series(0, :n - 1) k
  join ward w on w.i = k % (select count(*) from ward)
  join proc p on p.i = (k::bigint * 7919) % (select count(*) from proc);

insert into dossier.dossier (tenant_id, id, code, version, procedure_code, procedure_version_id, channel, state, status_code,
       step_key, reception_point_id, receiving_unit_id, competent_unit_id, owner_unit_id, owner_account_id, owner_name,
       applicant_account_id, applicant_name, applicant, phone_last4, components, time_limit, result_delivery, submitted_at,
       received_at, due_at, legal_due_at, legal_minutes, step_started_at, step_due_at, late, processed_at, returned_at,
       closed_at, digitised, electronic_result, paid_online, identity_verified)
select 'hanoi', id, ward || '-' || to_char(day, 'YYMMDD') || '-' || lpad(seq::text, 4, '0'),
       case when open_ then 2 else 5 end, procedure_code, version_id,
       (array['DIRECT','ONLINE','POSTAL'])[1 + (k % 10 > 5)::int + (k % 10 = 9)::int],
       case when open_ then 'AT_STEP' else 'RETURNED' end, case when open_ then 4 else 10 end,
       case when open_ then 'processing' else 'result' end,
       unit_id, unit_id, unit_id, unit_id, clerk, clerk_name, null,
       (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + k % 16]
         || ' ' || (array['Văn','Thị','Hữu','Đức','Minh','Thanh','Ngọc','Quang','Thu','Xuân'])[1 + (k / 16) % 10]
         || ' ' || (array['An','Bình','Cường','Dung','Giang','Hà','Hải','Hạnh','Hùng','Lan','Linh','Long','Mai','Nam','Phương','Quân','Sơn','Trang','Tú','Yến'])[1 + (k / 160) % 20],
       jsonb_build_object('phone', '09' || lpad((k % 100000000)::text, 8, '0'), 'organisation', false),
       lpad((k % 10000)::text, 4, '0'), '[]', '{"value": 5, "unit": "WORKING_DAYS", "skipDaysOff": false}', 'COUNTER',
       day + time '08:30' + (k % 400) * interval '1 minute', day + time '08:30' + (k % 400) * interval '1 minute',
       day + 7 + time '17:00', day + 7 + time '17:00', 2400,
       day + time '09:00', day + 3 + time '17:00', k % 20 = 0,
       case when open_ then null else day + 4 + time '10:00' + (k % 20 = 0)::int * interval '4 days' end,
       case when open_ then null else day + 5 + time '10:00' + (k % 20 = 0)::int * interval '4 days' end,
       case when open_ then null else day + 5 + time '10:00' + (k % 20 = 0)::int * interval '4 days' end,
       k % 3 <> 0, k % 4 <> 0, k % 5 = 0, false
  from gen;

insert into dossier.handover (tenant_id, dossier_id, seq, at, action, from_step, to_step, status_code, giver_name,
       receiver_account_id, receiver_name, receiver_unit_id, result)
select 'hanoi', g.id, s.seq, g.day + time '08:30' + (g.k % 400) * interval '1 minute' + (s.seq - 1) * interval '1 day',
       (array['RECEIVE','FORWARD','PROPOSE','APPROVE','RETURN_RESULT'])[s.seq],
       (array[null,'reception','processing','approval','result'])[s.seq],
       (array['reception','processing','approval','result',null])[s.seq],
       (array[2,4,4,9,10])[s.seq], 'generated', g.clerk, g.clerk_name, g.unit_id,
       case when s.seq = 1 then null when g.k % 20 = 0 and s.seq = 3 then 'LATE' else (array['EARLY','ON_TIME'])[1 + (s.seq % 2)] end
  from gen g cross join generate_series(1, 5) s(seq)
 where s.seq <= case when g.open_ then 2 else 5 end;

vacuum analyze dossier.dossier;
vacuum analyze dossier.handover;
select count(*) as dossiers, count(*) filter (where closed_at is null) as open from dossier.dossier;
