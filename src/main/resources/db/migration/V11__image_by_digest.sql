-- The admission webhook asks for a digest's standing on every workload it judges.
CREATE INDEX image_by_digest ON image (digest);
