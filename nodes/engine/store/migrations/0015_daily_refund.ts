/**
 * Daily caps count sends, not claims: the caps an attempt was counted against (`daily_keys`, at
 * `daily_at`) are given back when the attempt turns out not to send — deferred (a limit, a
 * switch, throttling, a dead worker's claim reaped before its hand-over) or released (deleted
 * while still `sending`). A trigger, so every way an attempt ends is covered by one rule.
 */
export const sql = /* sql */ `
alter table send_attempts add column daily_keys text[], add column daily_at timestamptz;
create function sales_engine_daily_refund() returns trigger language plpgsql as $body$
begin
	if old.daily_keys is null or old.status <> 'sending' then return null; end if;
	if tg_op = 'UPDATE' and new.status <> 'deferred' then return null; end if;
	update rate_buckets set count = greatest(0, count - 1)
	where key = any(old.daily_keys) and bucket_start = date_trunc('hour', old.daily_at);
	return null;
end
$body$;
create trigger send_attempts_daily_refund after update of status or delete on send_attempts
	for each row execute function sales_engine_daily_refund();
`;
