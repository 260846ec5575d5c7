"""The pack format (v1): models, YAML with positions, pictures, problems, report, schema.

- :mod:`.models`: the pydantic models a teacher writes against;
- :mod:`.loader`: a file to a :class:`~.loader.LoadedPack` with every problem placed;
- :mod:`.plain_yaml`: YAML to plain data with the line and column of every value;
  :mod:`.yaml_warnings`: what plain YAML reads otherwise than meant (a comment, a comma);
  :mod:`.yaml_messages`: libyaml's errors in a teacher's words;
- :mod:`.pictures`: the pictures a pack names, found by name in one Unicode form;
  :mod:`.picture_decoding`: one way to open a picture, for validate and the game;
  :mod:`.picture_shape`: whether a picture can be read where the game shows it;
- :mod:`.problems` and :mod:`.report`: checks across items, and ``file:line:col`` lines;
- :mod:`.schema`: the JSON Schema generated from the models.
"""
