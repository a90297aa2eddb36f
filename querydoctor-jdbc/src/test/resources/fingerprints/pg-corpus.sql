-- Statements run one by one against PostgreSQL; FingerprintGroupingIT compares our grouping with
-- pg_stat_statements' queryid grouping. One statement per line; blank lines and -- lines are skipped.
-- A line "@collapsed" before a statement marks it as differing from pg_stat_statements by design
-- (IN-list / VALUES collapsing: PostgreSQL 17 keeps one entry per list length).
SELECT * FROM users WHERE id = 1
select * from users where id=2
SELECT  *  FROM users /* a comment */ WHERE id = 3 -- trailing
SELECT * FROM "users" WHERE "id" = 4
SELECT * FROM users WHERE id = -5
SELECT * FROM users WHERE name = 'alice'
SELECT * FROM users WHERE name = E'bob\'s'
SELECT * FROM users WHERE name = $$carol$$
SELECT * FROM users WHERE name = $q$dave$q$
SELECT * FROM users WHERE id = 1 AND name = 'x'
SELECT * FROM users WHERE id = 2 AND name = 'y'
SELECT * FROM users WHERE active = true
SELECT * FROM users WHERE active = false
SELECT * FROM users WHERE name IS NULL
SELECT * FROM users WHERE name IS NOT NULL
SELECT * FROM users WHERE id = 1::bigint
SELECT * FROM users WHERE id = 7::bigint
SELECT id FROM posts WHERE user_id = 5 ORDER BY id LIMIT 10 OFFSET 20
SELECT id FROM posts WHERE user_id = 6 ORDER BY id LIMIT 20 OFFSET 40
SELECT id FROM posts WHERE user_id = 6 ORDER BY id DESC LIMIT 20
SELECT count(*) FROM posts WHERE created_at > now() - interval '1 day'
SELECT count(*) FROM posts WHERE created_at > now() - interval '2 days'
SELECT u.name, count(p.id) FROM users u JOIN posts p ON p.user_id = u.id WHERE u.id > 10 GROUP BY u.name
SELECT u.name, count(p.id) FROM users u JOIN posts p ON p.user_id = u.id WHERE u.id > 99 GROUP BY u.name
SELECT 1
SELECT 2
SELECT 1, 2
SELECT * FROM users WHERE id IN (1, 2, 3)
SELECT * FROM users WHERE id IN (7, 8, 9)
@collapsed
SELECT * FROM users WHERE id IN (4, 5)
SELECT * FROM users WHERE id IN (SELECT user_id FROM posts WHERE title = 'a')
SELECT * FROM users WHERE id IN (SELECT user_id FROM posts WHERE title = 'b')
INSERT INTO posts (id, user_id, title, created_at) VALUES (1, 1, 'a', now())
INSERT INTO posts (id, user_id, title, created_at) VALUES (2, 1, 'b', now())
@collapsed
INSERT INTO posts (id, user_id, title, created_at) VALUES (3, 1, 'c', now()), (4, 2, 'd', now())
UPDATE users SET name = 'z' WHERE id = 9
UPDATE users SET name = 'w' WHERE id = 10
UPDATE users SET name = 'w', active = true WHERE id = 10
DELETE FROM posts WHERE id = 1
DELETE FROM posts WHERE id = 2
SELECT * FROM users WHERE id = 3 FOR UPDATE
SELECT * FROM users WHERE id = 4 FOR UPDATE
SELECT * FROM users WHERE id = 4 FOR SHARE
