-- db-scheduler's table (its PostgreSQL schema, with VARCHAR for TEXT so that H2 can key on it).
-- Every server replica polls it; a row is picked under optimistic locking (version), so a job runs
-- on one replica only, and a replica that dies mid-job is detected by its missed heartbeats.

CREATE TABLE scheduled_tasks (
  task_name VARCHAR(200) NOT NULL,
  task_instance VARCHAR(500) NOT NULL,
  task_data BYTEA,
  execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
  picked BOOLEAN NOT NULL,
  picked_by VARCHAR(200),
  last_success TIMESTAMP WITH TIME ZONE,
  last_failure TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat TIMESTAMP WITH TIME ZONE,
  version BIGINT NOT NULL,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
