"""Assistant: routes a Dutch message to the kennisbank or the allocation engine and composes the reply.

    from assistant.session import Assistant
    assistant = Assistant()                  # cheap: no torch, chromadb or sentence-transformers
    conversation = assistant.new_conversation()
    reply = conversation.ask("Verdeel 120 woningen over Parkstad")   # -> assistant.models.Reply
    reply = conversation.ask("En voor Kerkrade?")                   # follow-up on the last request

Modules: `parsing/` reads one message (numbers, places, key, method, group, cues); `router` decides
what it means in the conversation; `compose_*` write the Dutch Markdown; `conversation` runs the
engines; `store` saves conversations; `commands` holds `koploper vraag` and `koploper gesprek`.
"""
