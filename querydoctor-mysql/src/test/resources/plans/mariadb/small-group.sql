SELECT country, COUNT(*) FROM customers WHERE id < 50 GROUP BY country
