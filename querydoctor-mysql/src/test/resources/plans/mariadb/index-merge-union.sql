SELECT * FROM events WHERE kind = 7 OR user_id = 107
