-- Accounts with no revenue entered yet are never in a top tier, however few accounts have revenue.
CREATE OR REPLACE VIEW "account_tiers" AS
WITH ranked AS (
  SELECT
    a.id AS account_id,
    a.revenue_cents,
    rank() OVER (ORDER BY a.revenue_cents DESC) AS revenue_rank,
    count(*) OVER () AS account_count
  FROM accounts a
)
SELECT
  r.account_id,
  r.revenue_rank,
  CASE
    WHEN r.revenue_cents <= 0 THEN 'rest'
    WHEN r.revenue_rank <= ceil(r.account_count * s.top_tier_percent / 100.0) THEN 'top1'
    WHEN r.revenue_rank <= ceil(r.account_count * s.high_tier_percent / 100.0) THEN 'top10'
    ELSE 'rest'
  END AS tier
FROM ranked r
CROSS JOIN community_settings s
WHERE s.id = 1;
