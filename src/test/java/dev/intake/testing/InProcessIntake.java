package dev.intake.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.intake.IntakeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another Intake instance in this JVM, on a free port, against this JVM's servers
 * ({@link Services#applicationProperties()}): the one way tests start a second instance
 * they can stop themselves and look into. For an instance that can be killed, see
 * {@link ChildIntake}.
 */
public final class InProcessIntake implements RunningIntake {

	private final ConfigurableApplicationContext context;

	private InProcessIntake(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance with these settings on top of the test servers' (as command line
	 * arguments, so they win over {@code application.yml}).
	 */
	public static InProcessIntake start(Map<String, ?> settings) {
		Map<String, Object> properties = new LinkedHashMap<>(Services.applicationProperties());
		properties.put("server.port", "0");
		properties.putAll(settings);
		String[] arguments = properties.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new);
		return new InProcessIntake(new SpringApplicationBuilder(IntakeApplication.class).run(arguments));
	}

	@Override
	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/** One of its beans. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
