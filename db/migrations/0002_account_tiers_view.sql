-- Value tier per account from its revenue rank and the configured cut points. Ties share a rank,
-- so accounts with equal revenue always land in the same tier.
INSERT INTO "community_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE VIEW "account_tiers" AS
WITH ranked AS (
  SELECT
    a.id AS account_id,
    rank() OVER (ORDER BY a.revenue_cents DESC) AS revenue_rank,
    count(*) OVER () AS account_count
  FROM accounts a
)
SELECT
  r.account_id,
  r.revenue_rank,
  CASE
    WHEN r.revenue_rank <= ceil(r.account_count * s.top_tier_percent / 100.0) THEN 'top1'
    WHEN r.revenue_rank <= ceil(r.account_count * s.high_tier_percent / 100.0) THEN 'top10'
    ELSE 'rest'
  END AS tier
FROM ranked r
CROSS JOIN community_settings s
WHERE s.id = 1;
