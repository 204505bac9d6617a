from keras import Sequential, layers

model = Sequential([
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.5),
    layers.Dropout(0.2),
    layers.BatchNormalization(),
    layers.Dense(1),
])
