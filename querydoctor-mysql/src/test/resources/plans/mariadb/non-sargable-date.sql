SELECT id, total FROM orders WHERE DATE(created_at) = '2024-03-01'
