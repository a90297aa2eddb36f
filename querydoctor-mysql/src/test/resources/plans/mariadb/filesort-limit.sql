SELECT id, note FROM orders ORDER BY note LIMIT 10
