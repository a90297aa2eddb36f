SELECT c.email, o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.note LIKE 'a%' AND o.total < 500
