SELECT c.email, o.total FROM customers c STRAIGHT_JOIN orders o ON o.customer_id = c.id WHERE c.country = 'CH' AND c.id < 300
