SELECT c.email FROM customers c WHERE c.id IN (SELECT customer_id FROM orders WHERE status = 'open') AND c.country = 'DE'
