package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.cmdline.ArgumentParser;
import opennlp.tools.cmdline.TerminateToolException;

/**
 * A command-line tool: its name, a one-line description, its annotated parameter interface (which
 * gives the usage text) and its run. Bad parameters end in a {@link TerminateToolException} with
 * code {@value #BAD_PARAMETERS} and the usage, as in OpenNLP.
 */
abstract class CmdTool<P> {
    static final int BAD_PARAMETERS = 1;
    static final int FAILED = 2;

    private final Class<P> params;

    CmdTool(Class<P> params) {
        this.params = params;
    }

    abstract String name();

    abstract String description();

    abstract void run(P params, InputStream in, PrintStream out, PrintStream err) throws IOException;

    String help() {
        return description() + "\n\nUsage: java -jar diffusion-nlp-opennlp.jar " + name() + " "
                + ArgumentParser.createUsage(params);
    }

    final void run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        String[] expanded = expandFlags(args);
        String error = ArgumentParser.validateArgumentsLoudly(expanded, params);
        if (error != null) {
            throw badParameter(error);
        }
        P parsed;
        try {
            parsed = ArgumentParser.parse(expanded, params);
        } catch (TerminateToolException e) { // a value of the wrong type, e.g. -steps x
            throw badParameter(e.getMessage().strip());
        }
        run(parsed, in, out, err);
    }

    TerminateToolException badParameter(String message) {
        return new TerminateToolException(BAD_PARAMETERS, message + "\n\n" + help());
    }

    /** A bare boolean parameter ({@code -tokenized} followed by another parameter or nothing) means true. */
    private String[] expandFlags(String[] args) {
        List<String> booleans = new ArrayList<>();
        for (var m : params.getMethods()) {
            if (m.getReturnType() == Boolean.class) {
                String n = m.getName().substring(3);
                booleans.add("-" + Character.toLowerCase(n.charAt(0)) + n.substring(1));
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            out.add(args[i]);
            if (booleans.contains(args[i])) {
                String next = i + 1 < args.length ? args[i + 1] : null;
                if (next == null || !(next.equalsIgnoreCase("true") || next.equalsIgnoreCase("false"))) {
                    out.add("true");
                }
            }
        }
        return out.toArray(String[]::new);
    }

    /** The sampling options of the parameters, over the model's defaults. */
    SamplingOptions sampling(Params.SamplingParams p, DiffusionModel model) {
        SamplingOptions.Builder b = model.getFactory().defaultSamplingOptions().toBuilder();
        try {
            if (p.getSteps() != null) {
                b.steps(p.getSteps());
            }
            b.seed(p.getSeed()).batchSize(p.getBatch());
            if (p.getTemperature() != null) {
                double t;
                try {
                    t = Double.parseDouble(p.getTemperature().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("temperature must be a number in [0, 1], got "
                            + p.getTemperature());
                }
                b.temperature(t);
            }
        } catch (IllegalArgumentException e) {
            throw badParameter(e.getMessage());
        }
        return b.build();
    }

    /** Checks the sampling parameters before a model is loaded (loading takes seconds). */
    void checkSampling(Params.SamplingParams p) {
        try {
            SamplingOptions.Builder b = SamplingOptions.builder().seed(p.getSeed()).batchSize(p.getBatch());
            if (p.getSteps() != null) {
                b.steps(p.getSteps());
            }
            if (p.getTemperature() != null) {
                b.temperature(Double.parseDouble(p.getTemperature().trim()));
            }
        } catch (NumberFormatException e) {
            throw badParameter("temperature must be a number in [0, 1], got " + p.getTemperature());
        } catch (IllegalArgumentException e) {
            throw badParameter(e.getMessage());
        }
    }

    DiffusionModel loadModel(Params.ModelParams p) {
        ai.djl.Device device;
        try {
            device = io.github.diffusionnlp.api.Devices.parse(p.getDevice());
        } catch (IllegalArgumentException e) {
            throw badParameter("-device: " + e.getMessage());
        }
        try {
            return DiffusionModel.load(p.getModel() == null ? io.github.diffusionnlp.api.DefaultModel.locate()
                    : Path.of(p.getModel()), device);
        } catch (IOException | RuntimeException e) {
            String what = p.getModel() == null ? "the default model" : "model " + p.getModel();
            throw new TerminateToolException(FAILED, "cannot load " + what + ": " + message(e), e);
        }
    }

    static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
