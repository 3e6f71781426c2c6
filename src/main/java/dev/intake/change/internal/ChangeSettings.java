package dev.intake.change.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How changes are counted and listed.
 *
 * @param countWorkMem PostgreSQL's {@code work_mem} while counting an upload's changes:
 * enough to sort a 1,000,000-row upload's keys in memory instead of on disk
 */
@ConfigurationProperties("intake.changes")
record ChangeSettings(@DefaultValue("128MB") String countWorkMem) {

}
