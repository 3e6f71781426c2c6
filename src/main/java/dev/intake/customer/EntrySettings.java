package dev.intake.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the entries of uploads are stored.
 *
 * @param indexBuildMemory PostgreSQL's {@code maintenance_work_mem} while an upload's
 * indexes are built at completion: enough to sort a 1,000,000-row upload in memory
 * @param smallPartitionRows a completed upload's partition with fewer rows than this is
 * small, and merged with other small ones
 * @param partitionsPerMerge how many small partitions are merged into one, once there are
 * that many
 */
@ConfigurationProperties("intake.entries")
record EntrySettings(@DefaultValue("256MB") String indexBuildMemory, @DefaultValue("100000") long smallPartitionRows,
		@DefaultValue("32") int partitionsPerMerge) {

	public EntrySettings {
		if (partitionsPerMerge < 2) {
			throw new IllegalArgumentException(
					"intake.entries.partitions-per-merge must be at least 2, not " + partitionsPerMerge);
		}
	}

}
