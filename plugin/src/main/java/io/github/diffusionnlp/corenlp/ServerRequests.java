package io.github.diffusionnlp.corenlp;

/** Whether code runs inside a request handler of CoreNLP's own HTTP server. */
final class ServerRequests {
    // The handlers are inner classes of the server (CoreNLPHandler, and those for TokensRegex, Semgrex…); a
    // CoreNLP that renames them makes this answer false, which only brings back the server's generic message.
    private static final String HANDLER_PREFIX = "edu.stanford.nlp.pipeline.StanfordCoreNLPServer$";

    private ServerRequests() {
    }

    static boolean isHandlerThread() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith(HANDLER_PREFIX) && f.getMethodName().equals("handle")));
    }
}
