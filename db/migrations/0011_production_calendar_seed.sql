-- The production calendars published by the Government's decrees on moving days off (Labour Code art. 112
-- part 5). Each list holds every non-working weekday-or-holiday date of the year: the art. 112 holidays
-- (1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November) and the days off the decree moved;
-- plain Saturdays and Sundays are implied. Years without a row fall back to art. 112 alone.
INSERT INTO "admissions"."production_calendars" ("year", "decree", "non_working_days", "working_weekends") VALUES
(
  2024,
  'Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»',
  -- Sat 6 Jan → Fri 10 May; Sun 7 Jan → Tue 31 Dec; Sat 27 Apr → Mon 29 Apr; Sat 2 Nov → Tue 30 Apr;
  -- Sat 28 Dec → Mon 30 Dec. 248 working days.
  ARRAY['2024-01-01','2024-01-02','2024-01-03','2024-01-04','2024-01-05','2024-01-06','2024-01-07','2024-01-08',
        '2024-02-23','2024-03-08','2024-04-29','2024-04-30','2024-05-01','2024-05-09','2024-05-10','2024-06-12',
        '2024-11-04','2024-12-30','2024-12-31']::date[],
  ARRAY['2024-04-27','2024-11-02','2024-12-28']::date[]
),
(
  2025,
  'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
  -- Sat 4 Jan → Fri 2 May; Sun 5 Jan → Wed 31 Dec; Sun 23 Feb → Thu 8 May; Sat 8 Mar → Fri 13 Jun;
  -- Sat 1 Nov → Mon 3 Nov. 247 working days.
  ARRAY['2025-01-01','2025-01-02','2025-01-03','2025-01-04','2025-01-05','2025-01-06','2025-01-07','2025-01-08',
        '2025-02-23','2025-03-08','2025-05-01','2025-05-02','2025-05-08','2025-05-09','2025-06-12','2025-06-13',
        '2025-11-03','2025-11-04','2025-12-31']::date[],
  ARRAY['2025-11-01']::date[]
),
(
  2026,
  'Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»',
  -- Sat 3 Jan → Fri 9 Jan; Sun 4 Jan → Thu 31 Dec; by art. 112 part 2 Sun 8 Mar → Mon 9 Mar and
  -- Sat 9 May → Mon 11 May. 247 working days.
  ARRAY['2026-01-01','2026-01-02','2026-01-03','2026-01-04','2026-01-05','2026-01-06','2026-01-07','2026-01-08',
        '2026-01-09','2026-02-23','2026-03-08','2026-03-09','2026-05-01','2026-05-09','2026-05-11','2026-06-12',
        '2026-11-04','2026-12-31']::date[],
  '{}'::date[]
);
