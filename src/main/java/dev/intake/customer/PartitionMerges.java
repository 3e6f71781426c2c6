package dev.intake.customer;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.intake.system.DatabaseCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Merges the partitions of small uploads into one partition of many uploads, so that many
 * small uploads do not make every read of {@code customers} plan and probe one partition
 * each: a history read costs about one index probe per partition.
 * <p>
 * One merge takes {@code intake.entries.partitions-per-merge} partitions of fewer than
 * {@code intake.entries.small-partition-rows} rows each (by the count their index build
 * stored; an empty one has none, {@code -1}), copies their rows into a new table, indexes
 * it, and in one short step drops them and attaches it: readers see the same rows before
 * and after. Merges of all instances take turns through an advisory lock; one that cannot
 * take its locks within a few seconds gives up until the next try.
 */
@Component
public class PartitionMerges {

	private static final Logger log = LoggerFactory.getLogger(PartitionMerges.class);

	private static final String SMALL = """
			SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = 'customers'::regclass AND c.relname ~ '^customers_[0-9a-f]{32}$'
			  AND c.reltuples < :rows
			ORDER BY c.relname
			LIMIT :limit""";

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final EntrySettings settings;

	PartitionMerges(DatabaseClient db, TransactionalOperator transactions, EntrySettings settings) {
		this.db = db;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Merges small partitions once there are enough of them; emits how many were merged
	 * (0 when there were not enough, or another merge was running).
	 */
	public Mono<Integer> mergeSmall() {
		return merge(this.settings.partitionsPerMerge());
	}

	/** Merges {@code count} small partitions, if there are that many. */
	Mono<Integer> merge(int count) {
		return this.db.sql("SELECT pg_try_advisory_xact_lock(hashtextextended('intake.customers.merge', 0)) AS taken")
			.map((row) -> row.get("taken", Boolean.class))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((taken) -> smallPartitions(count))
			.filter((small) -> small.size() >= count)
			.flatMap(this::merged)
			.as(this.transactions::transactional)
			.as(DatabaseCalls::longRunning)
			.defaultIfEmpty(0);
	}

	private Mono<List<String>> smallPartitions(int count) {
		return this.db.sql(SMALL)
			.bind("rows", (double) this.settings.smallPartitionRows())
			.bind("limit", count)
			.map((row) -> row.get("relname", String.class))
			.all()
			.collectList();
	}

	private Mono<Integer> merged(List<String> small) {
		String merged = "customers_m_" + UUID.randomUUID().toString().replace("-", "");
		String ids = small.stream().map((table) -> "'" + uploadOf(table) + "'").collect(Collectors.joining(", "));
		String rows = small.stream()
			.map((table) -> "SELECT * FROM " + table)
			.collect(Collectors.joining(" UNION ALL "));
		return run("SELECT set_config('maintenance_work_mem', '" + this.settings.indexBuildMemory() + "', true)")
			.then(run(("CREATE TABLE %1$s (LIKE customers INCLUDING DEFAULTS INCLUDING CONSTRAINTS,"
					+ " CONSTRAINT %1$s_uploads CHECK (upload_id IS NOT NULL AND upload_id IN (%2$s)))")
				.formatted(merged, ids)))
			.then(run("INSERT INTO %s %s ORDER BY 1, 2".formatted(merged, rows)))
			.thenMany(Flux.fromIterable(PartitionIndexes.of(merged).all()).concatMap(this::run))
			.then()
			.then(run("SET LOCAL lock_timeout = '5s'"))
			.then(run("DROP TABLE " + String.join(", ", small)))
			.then(run("ALTER TABLE customers ATTACH PARTITION %s FOR VALUES IN (%s)".formatted(merged, ids)))
			.then(Mono.fromSupplier(small::size))
			.doOnNext((merges) -> log.info("Merged {} small partitions of customers into {}", merges, merged));
	}

	private Mono<Void> run(String sql) {
		return this.db.sql(sql).then();
	}

	private static String uploadOf(String table) {
		String hex = table.substring("customers_".length());
		return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16))
			.toString();
	}

}
