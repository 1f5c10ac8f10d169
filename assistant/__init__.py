"""Assistant: routes a Dutch message to the kennisbank or the allocation engine and composes the reply.

    from assistant.api import Assistant
    assistant = Assistant()                  # cheap: no torch, chromadb or sentence-transformers
    conversation = assistant.new_conversation()
    reply = conversation.ask("Verdeel 120 woningen over Parkstad")   # -> Reply (answer, result, sources)
    reply = conversation.ask("En voor Kerkrade?")                   # follow-up on the last request

Modules: `api` is the public face (the app imports nothing else); `engines` is the only module that
touches the allocation engine and the kennisbank; `parsing/` reads one message; `router` decides
what it means in the conversation; `handle_*` do the work per intent; `compose_*` write the Dutch
Markdown; `core`/`conversation` hold the state and the turns; `knowledge`/`session` the process;
`store`/`saved` save conversations (with a format version); `commands` holds `vraag` and `gesprek`.
"""
