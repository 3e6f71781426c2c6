package dev.intake.change.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntakeIntegrationTest
class ChangesIntegrationTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void comparesEachCycleWithThePreviousCustomerByCustomer() {
		Phones phones = new Phones();
		String asha = phones.next();
		String ravi = phones.next();
		String meena = phones.next();
		String gone = phones.next();
		String later = phones.next();
		upload("cycle-1.csv", Csv.standard()
			.row("Asha Verma,+91 " + spaced(asha) + ",234567890124,LN-1,\"₹15,000\",15/11/2024,Maharashtra,Marathi,")
			.row("Ravi Kumar," + ravi + ",,LN-2,5000,2024-11-20,,,")
			.row("Meena Iyer," + meena + ",,,700,2024-11-05,Tamil Nadu,Tamil,")
			.row("Gone Away," + gone + ",,LN-4,100,2024-11-01,,,"));
		String second = upload("cycle-2.csv",
				Csv.standard()
					.row("Asha Verma,0" + asha + ",,LN-1,20000,2024-12-15,Maharashtra,Marathi,")
					.row("Ravi Kumar,+91" + ravi + ",,LN-2,5000.00,20/11/2024,,,")
					.row("Meena Iyer," + meena + ",,,700,2024-11-05,Tamil Nadu,Tamil,")
					.row("Ravi Kumar," + ravi + ",,LN-9,300,2024-12-01,,,")
					.row("Later Comer," + later + ",,LN-5,900,2024-12-02,,,"));
		String third = upload("cycle-3.csv",
				Csv.standard()
					.row("Asha Verma," + asha + ",,LN-1,20000,2024-12-15,Maharashtra,Marathi,asha@example.com")
					.row("Gone Away," + gone + ",,LN-4,100,2024-11-01,,,")
					.row("Meena Iyer," + meena + ",,,700,2024-11-05,Tamil Nadu,Tamil,"));

		Map<String, Item> secondByPhone = byKey(all(second, null).items());
		assertThat(secondByPhone).hasSize(6);
		assertThat(secondByPhone.get(asha + "|LN-1").kind()).isEqualTo("changed");
		assertThat(secondByPhone.get(asha + "|LN-1").changes()).containsExactly(
				new Field("amountDue", "15000.00", "20000.00"), new Field("dueDate", "2024-11-15", "2024-12-15"));
		assertThat(secondByPhone.get(ravi + "|LN-2").kind()).isEqualTo("unchanged");
		assertThat(secondByPhone.get(meena + "|").kind()).isEqualTo("unchanged");
		assertThat(secondByPhone.get(ravi + "|LN-9").kind()).isEqualTo("new");
		assertThat(secondByPhone.get(later + "|LN-5").kind()).isEqualTo("new");
		assertThat(secondByPhone.get(gone + "|LN-4").kind()).isEqualTo("missing");
		assertThat(secondByPhone.get(gone + "|LN-4").row()).isNull();
		assertThat(secondByPhone.get(gone + "|LN-4").previousRow()).isEqualTo(4);

		Map<String, Item> thirdByPhone = byKey(all(third, null).items());
		assertThat(thirdByPhone.get(asha + "|LN-1").changes())
			.containsExactly(new Field("email", null, "asha@example.com"));
		assertThat(thirdByPhone.get(gone + "|LN-4").kind()).isEqualTo("new");
		assertThat(thirdByPhone.get(meena + "|").kind()).isEqualTo("unchanged");
		assertThat(thirdByPhone.get(ravi + "|LN-2").kind()).isEqualTo("missing");
		assertThat(thirdByPhone.get(ravi + "|LN-9").kind()).isEqualTo("missing");
		assertThat(thirdByPhone.get(later + "|LN-5").kind()).isEqualTo("missing");
		assertThat(all(third, null).previousUploadId()).isEqualTo(second);
	}

	@Test
	void countsInTheSummaryEqualTheListedChanges() {
		Phones phones = new Phones();
		List<String> keep = List.of(phones.next(), phones.next(), phones.next());
		upload("before.csv", rows(keep, 100).row("Dropped One," + phones.next() + ",,LN-X,1,2024-01-01,,,"));
		String after = upload("after.csv",
				rows(keep, 100).row("Changed One," + keep.get(0) + ",,LN-0,999,2024-01-01,,,")
					.row("Fresh One," + phones.next() + ",,,5,2024-02-02,,,"));

		Map<String, Object> changes = countedChanges(after);
		Page listed = all(after, null);
		Map<String, Long> listedCounts = listed.items()
			.stream()
			.collect(Collectors.groupingBy(Item::kind, Collectors.counting()));
		assertThat(listedCounts).containsEntry("new", 1L)
			.containsEntry("changed", 1L)
			.containsEntry("unchanged", 2L)
			.containsEntry("missing", 1L);
		listedCounts.forEach((kind, count) -> assertThat(((Number) changes.get(kind)).longValue()).isEqualTo(count));
		assertThat(changes.get("previousUploadId")).isEqualTo(listed.previousUploadId());
	}

	@Test
	void letsTheLastRowOfACustomerWinWithinOneUpload() {
		Phones phones = new Phones();
		String phone = phones.next();
		upload("one.csv", Csv.standard().row("Asha Verma," + phone + ",,LN-1,100,2024-01-01,,,"));
		String twice = upload("twice.csv",
				Csv.standard()
					.row("Asha Verma," + phone + ",,LN-1,200,2024-01-01,,,")
					.row("Asha Verma," + phone + ",,LN-1,100,2024-01-01,,,"));

		Page page = all(twice, null);
		assertThat(page.items()).singleElement().satisfies((item) -> {
			assertThat(item.kind()).isEqualTo("unchanged");
			assertThat(item.row()).isEqualTo(2);
		});
		assertThat(countedChanges(twice)).containsEntry("unchanged", 1).containsEntry("changed", 0);
	}

	@Test
	void listsEveryCustomerAsNewForTheFirstUpload() {
		Phones phones = new Phones();
		String first = upload("first.csv", rows(List.of(phones.next(), phones.next()), 10));
		countedChanges(first);
		// The first upload of all: finished before any other, and not counted yet.
		this.db
			.sql("UPDATE uploads SET finished_at = TIMESTAMPTZ '2000-01-01 00:00Z', changes_computed_at = NULL "
					+ "WHERE id = :id")
			.bind("id", UUID.fromString(first))
			.then()
			.block();

		Page page = all(first, null);
		assertThat(page.previousUploadId()).isNull();
		assertThat(page.items()).extracting(Item::kind).containsExactly("new", "new");
		assertThat(page.counts()).containsEntry("new", 2).containsEntry("missing", 0);
	}

	@Test
	void pagesThroughCustomersOfBothCyclesWithACursor() {
		Phones phones = new Phones();
		List<String> previous = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			previous.add(phones.next());
		}
		upload("seven.csv", rows(previous, 10));
		List<String> current = new ArrayList<>(previous.subList(0, 4));
		current.add(phones.next());
		String id = upload("five.csv", rows(current, 10));

		List<Item> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Page page = page(id, "limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
			paged.addAll(page.items());
			cursor = page.next();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(4);
		assertThat(paged).extracting(Item::kind)
			.containsExactly("new", "unchanged", "unchanged", "unchanged", "unchanged", "missing", "missing",
					"missing");
		assertThat(paged).extracting((item) -> item.primaryPhone()).doesNotHaveDuplicates();
		Page missing = page(id, "kind=missing&limit=2");
		assertThat(missing.items()).extracting(Item::previousRow).containsExactly(5L, 6L);
		assertThat(page(id, "kind=missing&limit=2&cursor=" + missing.next()).items()).extracting(Item::previousRow)
			.containsExactly(7L);
		assertThat(page(id, "kind=new,missing&limit=1").links().get("next")).contains("kind=new,missing");
	}

	@Test
	void findsRareChangesAcrossThousandsOfRows() {
		Phones phones = new Phones();
		List<String> customers = new ArrayList<>();
		for (int i = 0; i < 2100; i++) {
			customers.add(phones.next());
		}
		upload("many.csv", rows(customers, 10));
		Csv changed = Csv.standard();
		for (int i = 0; i < customers.size(); i++) {
			int amount = (i == 4 || i == 1499 || i == 2049) ? 11 : 10;
			changed.row("Customer " + i + "," + customers.get(i) + ",,LN-" + i + "," + amount + ",2024-01-01,,,");
		}
		String id = upload("many-changed.csv", changed);

		Page first = page(id, "kind=changed&limit=2");
		assertThat(first.items()).extracting(Item::row).containsExactly(5L, 1500L);
		assertThat(page(id, "kind=changed&limit=2&cursor=" + first.next()).items()).extracting(Item::row)
			.containsExactly(2050L);
		Page unchanged = page(id, "kind=unchanged&limit=1000");
		Page rest = page(id, "kind=unchanged&limit=1000&cursor=" + unchanged.next());
		assertThat(rest.items()).hasSize(1000);
		assertThat(rest.items().get(0).row()).isEqualTo(1002L);
		assertThat(rest.items().get(999).row()).isEqualTo(2002L);
		assertThat(page(id, "kind=unchanged&limit=1000&cursor=" + rest.next()).items()).hasSize(97);
	}

	@Test
	void streamsChangesAsCsv() {
		Phones phones = new Phones();
		String phone = phones.next();
		upload("a.csv", Csv.standard().row("Asha Verma," + phone + ",234567890124,LN-1,15000,2024-11-15,,,"));
		String id = upload("b.csv", Csv.standard().row("Asha Verma," + phone + ",,LN-1,20000,2024-11-15,,,"));

		String csv = this.http.get()
			.uri("/api/v1/uploads/{id}/changes?kind=changed", id)
			.accept(TEXT_CSV)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(TEXT_CSV)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(csv.split("\r\n")).containsExactly(
				"kind,primary_phone,loan_account,row,previous_row,full_name,amount_due,due_date,state,preferred_language,email,changes",
				"changed,\"'+91" + phone
						+ "\",LN-1,1,1,\"Asha Verma\",20000.00,2024-11-15,,,,\"amountDue: 15000.00 -> 20000.00\"");
		assertThat(csv).doesNotContain("234567890124").doesNotContain("XXXX");
	}

	@Test
	void answersProblemsForUnknownUnfinishedAndBadRequests() {
		Problems.expect(this.http.get().uri("/api/v1/uploads/{id}/changes", UUID.randomUUID()).exchange(),
				HttpStatus.NOT_FOUND, "upload-not-found");
		String awaiting = (String) this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", "later.csv"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		this.http.get()
			.uri("/api/v1/uploads/{id}/changes", awaiting)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("upload-not-completed");
		this.http.get()
			.uri("/api/v1/uploads/{id}/changes", awaiting)
			.accept(TEXT_CSV)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		String id = upload("x.csv", rows(List.of(new Phones().next()), 1));
		for (String query : List.of("kind=old", "cursor=nonsense", "limit=0", "limit=1001")) {
			this.http.get()
				.uri("/api/v1/uploads/" + id + "/changes?" + query)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		String madeForNew = new ChangeCursor(ChangePages.mask(java.util.EnumSet.of(ChangeKind.NEW)), ChangeKind.NEW, 0,
				0)
			.token();
		this.http.get()
			.uri("/api/v1/uploads/" + id + "/changes?kind=missing&cursor=" + madeForNew)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> countedChanges(String id) {
		await().atMost(Duration.ofSeconds(30)).until(() -> summary(id).get("changes") != null);
		return (Map<String, Object>) summary(id).get("changes");
	}

	private Map<String, Object> summary(String id) {
		return Json.get(this.http, "/api/v1/uploads/{id}", id);
	}

	private Page all(String id, String kinds) {
		return page(id, ((kinds != null) ? "kind=" + kinds + "&" : "") + "limit=1000");
	}

	private Page page(String id, String query) {
		return this.http.get()
			.uri("/api/v1/uploads/" + id + "/changes?" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Page.class)
			.returnResult()
			.getResponseBody();
	}

	private String upload(String filename, Csv csv) {
		Map<String, Object> summary = this.http.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.contentType(TEXT_CSV)
			.bodyValue(csv.bytes())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(summary.get("status")).isEqualTo("COMPLETED");
		return (String) summary.get("id");
	}

	private static Csv rows(List<String> phones, int amount) {
		Csv csv = Csv.standard();
		for (int i = 0; i < phones.size(); i++) {
			csv.row("Customer " + i + "," + phones.get(i) + ",,LN-" + i + "," + amount + ",2024-01-01,,,");
		}
		return csv;
	}

	private static String spaced(String phone) {
		return phone.substring(0, 5) + " " + phone.substring(5);
	}

	private static Map<String, Item> byKey(List<Item> items) {
		return items.stream()
			.collect(Collectors.toMap((item) -> item.primaryPhone().substring(3) + "|"
					+ ((item.loanAccount() != null) ? item.loanAccount() : ""), Function.identity()));
	}

	/** Random Indian mobile numbers, ten digits, distinct within one test. */
	static final class Phones {

		private final java.util.Set<String> issued = new java.util.HashSet<>();

		String next() {
			String phone;
			do {
				phone = "9" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
			}
			while (!this.issued.add(phone));
			return phone;
		}

	}

	record Page(List<Item> items, String next, Map<String, String> links, String previousUploadId,
			Map<String, Object> counts) {

	}

	record Item(String kind, String primaryPhone, String loanAccount, String fullName, BigDecimal amountDue,
			String dueDate, Long row, Long previousRow, List<Field> changes) {

	}

	record Field(String field, String from, String to) {

	}

}
