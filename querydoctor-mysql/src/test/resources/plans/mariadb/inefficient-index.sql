SELECT * FROM orders WHERE status = 'open' AND total = 500
