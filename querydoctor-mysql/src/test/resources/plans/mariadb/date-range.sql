SELECT id, total FROM orders WHERE created_at >= '2024-03-01' AND created_at < '2024-03-02'
