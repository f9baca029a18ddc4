package io.github.diffusionnlp.corenlp;

/**
 * Whether code runs for a request of CoreNLP's own HTTP server: inside a handler's {@code handle} (where the
 * request's pipeline is built) or the lambda it hands its executor ({@code lambda$handle$0}, where the pipeline
 * annotates the request's document, on another thread).
 */
final class ServerRequests {
    // The handlers are inner classes of the server (CoreNLPHandler, and those for TokensRegex, Semgrex…); a
    // CoreNLP that renames them makes this answer false, which only brings back the server's generic message.
    private static final String HANDLER_PREFIX = "edu.stanford.nlp.pipeline.StanfordCoreNLPServer$";

    private ServerRequests() {
    }

    static boolean isHandlerThread() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith(HANDLER_PREFIX) && (f.getMethodName().equals("handle")
                        || f.getMethodName().startsWith("lambda$handle$"))));
    }
}
