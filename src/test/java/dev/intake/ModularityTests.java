package dev.intake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each top-level package is a product module. Its API is the public types of its
 * top-level package; everything else (subpackages such as {@code internal} and
 * {@code web}) is internal to it. Modules depend on each other only through their APIs
 * and without cycles, and an API holds only what another module uses.
 */
class ModularityTests {

	private static final String ROOT = "dev.intake";

	/**
	 * API types another module uses only through compile-time constants (error codes
	 * named in annotations), which the compiler copies into the user, so no class file
	 * shows the use.
	 */
	private static final Set<String> ONLY_CONSTANTS_USED = Set.of("dev.intake.ingest.MissingColumns",
			"dev.intake.system.DatabaseUnavailable");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void modulesKeepTheirBoundaries() {
		ApplicationModules.of(IntakeApplication.class).verify();
	}

	@Test
	void aModuleMakesPublicInItsApiPackageOnlyWhatAnotherModuleUses() {
		Set<String> unused = new TreeSet<>();
		for (String module : modules()) {
			Set<JavaClass> api = apiTypes(module);
			Set<JavaClass> needed = neededByOtherModules(module, api);
			api.stream()
				.filter((type) -> !needed.contains(type))
				.map(JavaClass::getName)
				.filter((name) -> !ONLY_CONSTANTS_USED.contains(name))
				.forEach(unused::add);
		}
		assertThat(unused)
			.as("public API types that no other module uses: make them package-private "
					+ "or move them to the module's internal package")
			.isEmpty();
	}

	private static Set<String> modules() {
		return MAIN.stream()
			.map(JavaClass::getPackageName)
			.filter((name) -> name.startsWith(ROOT + "."))
			.map((name) -> name.substring(ROOT.length() + 1).split("\\.")[0])
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Set<JavaClass> apiTypes(String module) {
		return MAIN.stream()
			.filter((type) -> type.getPackageName().equals(ROOT + "." + module))
			.filter(JavaClass::isTopLevelClass)
			.filter((type) -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * The API types a class of another module depends on, and, transitively, the API
	 * types named in the public signatures of those.
	 */
	private static Set<JavaClass> neededByOtherModules(String module, Set<JavaClass> api) {
		Set<JavaClass> needed = new LinkedHashSet<>();
		Deque<JavaClass> open = new ArrayDeque<>();
		MAIN.stream()
			.filter((type) -> !inModule(type, module))
			.flatMap((type) -> type.getDirectDependenciesFromSelf().stream())
			.map((dependency) -> topLevel(dependency.getTargetClass()))
			.filter(api::contains)
			.forEach(open::add);
		while (!open.isEmpty()) {
			JavaClass type = open.pop();
			if (needed.add(type)) {
				signatureTypes(type).stream().filter(api::contains).forEach(open::add);
			}
		}
		return needed;
	}

	private static Set<JavaClass> signatureTypes(JavaClass type) {
		Set<JavaClass> named = new LinkedHashSet<>();
		for (JavaClass declaring : withNested(type)) {
			for (JavaCodeUnit unit : declaring.getCodeUnits()) {
				if (unit.getModifiers().contains(JavaModifier.PUBLIC)) {
					named.addAll(unit.getReturnType().getAllInvolvedRawTypes());
					unit.getParameterTypes().forEach((parameter) -> named.addAll(parameter.getAllInvolvedRawTypes()));
				}
			}
			for (JavaField field : declaring.getFields()) {
				if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
					named.addAll(field.getType().getAllInvolvedRawTypes());
				}
			}
			declaring.getInterfaces().forEach((parent) -> named.addAll(parent.getAllInvolvedRawTypes()));
		}
		return named.stream().map(ModularityTests::topLevel).collect(Collectors.toSet());
	}

	private static List<JavaClass> withNested(JavaClass type) {
		return MAIN.stream().filter((candidate) -> topLevel(candidate).equals(type)).toList();
	}

	private static boolean inModule(JavaClass type, String module) {
		String name = type.getPackageName();
		return name.equals(ROOT + "." + module) || name.startsWith(ROOT + "." + module + ".");
	}

	private static JavaClass topLevel(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer;
	}

}
