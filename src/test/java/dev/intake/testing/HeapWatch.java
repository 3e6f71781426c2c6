package dev.intake.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures what one piece of work does to the heap of this JVM (which also runs the
 * server under test): the heap still used after a full GC, and the peak of the pools that
 * survive young collections (old generation, humongous objects), where a buffered 100 MB
 * line or a collected body would show.
 */
public final class HeapWatch {

	private final long retainedBefore;

	private final long tenuredBefore;

	private HeapWatch() {
		this.retainedBefore = usedAfterGc();
		this.tenuredBefore = tenured(false);
		tenuredPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/** Starts watching after a full GC. */
	public static HeapWatch start() {
		return new HeapWatch();
	}

	/** How far the tenured pools rose above their level at start, at their peak. */
	public long tenuredPeakGrowth() {
		return tenured(true) - this.tenuredBefore;
	}

	/** How much more heap is used after a full GC than at start. */
	public long retainedGrowth() {
		return usedAfterGc() - this.retainedBefore;
	}

	private static long usedAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long tenured(boolean peak) {
		long used = 0;
		for (MemoryPoolMXBean pool : tenuredPools()) {
			used += (peak ? pool.getPeakUsage() : pool.getUsage()).getUsed();
		}
		return used;
	}

	private static List<MemoryPoolMXBean> tenuredPools() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.filter((pool) -> !pool.getName().contains("Eden") && !pool.getName().contains("Survivor"))
			.toList();
	}

}
