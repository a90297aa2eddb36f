SELECT * FROM events WHERE kind = 7 AND region = 5
