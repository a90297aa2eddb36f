SELECT * FROM orders WHERE created_at >= '2024-02-01' AND created_at < '2024-03-01' AND total = 500
