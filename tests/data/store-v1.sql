-- A database as the first release (schema version 1) left it: two responses
-- waiting for upload and one already uploaded.
PRAGMA journal_mode = WAL;
PRAGMA user_version = 1;
CREATE TABLE responses(id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, document TEXT NOT NULL, uploaded_at INTEGER);
INSERT INTO responses VALUES('bbc9ecb4-ebfa-4124-bce7-4fd80ae2c703', 1795165920,
'{"id":"bbc9ecb4-ebfa-4124-bce7-4fd80ae2c703","survey_id":"trygghet-2026","survey_version":3,"content_version":"2026-11-20.3","language":"sv","submitted_hour":"2026-11-20T09:00Z","clock_synced":true,"status":"complete","duration_s":40,"answers":[{"q":"q1","option":"fairly_safe"},{"q":"q2","options":["litter","lighting"]},{"q":"q3","skipped":true}],"flags":[]}',
1795170000);
INSERT INTO responses VALUES('54252546-7fad-4dd8-a049-c9846448ad55', 1795168500,
'{"id":"54252546-7fad-4dd8-a049-c9846448ad55","survey_id":"trygghet-2026","survey_version":3,"content_version":"2026-11-20.3","language":"ar","submitted_hour":"2026-11-20T10:00Z","clock_synced":true,"status":"abandoned","duration_s":15,"answers":[{"q":"q1","option":"very_unsafe"}],"flags":["fast"]}',
NULL);
INSERT INTO responses VALUES('733c4908-f6af-4377-9600-8d1ee2bb5381', 1795172100,
'{"id":"733c4908-f6af-4377-9600-8d1ee2bb5381","survey_id":"trygghet-2026","survey_version":3,"content_version":"2026-11-20.3","language":"en","submitted_hour":"2026-11-20T11:00Z","clock_synced":false,"status":"complete","duration_s":55,"answers":[{"q":"q1","option":"very_safe"},{"q":"q2","options":[]},{"q":"q3","option":"more_patrols"}],"flags":[]}',
NULL);
