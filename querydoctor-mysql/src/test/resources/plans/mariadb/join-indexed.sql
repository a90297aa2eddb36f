SELECT c.email, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'open'
