SELECT note, COUNT(*) FROM orders GROUP BY note
