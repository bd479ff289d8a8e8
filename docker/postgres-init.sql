-- The engine's store lives in its own database beside n8n's; its migrations create the tables and
-- enable pgvector (the pgvector image ships the extension).
create database sales_engine;
