/** A caller on the module path: core is the automatic module {@code io.github.diffusionnlp}. */
module app {
    requires io.github.diffusionnlp;
}
