package io.github.diffusionnlp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "TODO")
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
